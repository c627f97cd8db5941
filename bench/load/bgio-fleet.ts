// boardgame.io bots for bench/load.bench.ts: per match four players, each a boardgame.io client
// (boardgame.io/client + the SocketIO multiplayer transport), sending the same mix of moves as the
// Crisis Table bots every ~5 s. A move has no acknowledgement in boardgame.io, so its latency is
// the time until the server's broadcast that carries it (its `deltalog` names the mover) reaches
// the mover's socket: the same round trip as a Crisis Table command's ack.
import { Client } from 'boardgame.io/client';
import { SocketIO } from 'boardgame.io/multiplayer';
import { LITE_GAME, type LiteState } from './bgio-game';
import type { Fleet } from './fleet';

const INTERVAL_MS = 5_000;
const PLAYERS = ['0', '1', '2', '3'];

interface Bot {
  // biome-ignore lint/suspicious/noExplicitAny: boardgame.io's client type is generic over the game.
  client: any;
  playerID: string;
  sent: number[];
  timer: NodeJS.Timeout | undefined;
  n: number;
}

export function boardgameFleet(url: string, label = 'boardgame.io'): Fleet {
  const bots: Bot[] = [];
  let latencies: number[] = [];
  let moves = 0;
  let active = false;

  function schedule(bot: Bot, delay: number) {
    bot.timer = setTimeout(() => {
      if (!active) return;
      move(bot);
      schedule(bot, INTERVAL_MS * (0.9 + 0.2 * Math.random()));
    }, delay);
  }

  function move(bot: Bot) {
    bot.n++;
    const G = bot.client.getState()?.G as LiteState | undefined;
    const open = (G?.proposals ?? []).filter((p) => p.by !== bot.playerID);
    const target = open[Math.floor(Math.random() * open.length)]?.id;
    const r = Math.random();
    bot.sent.push(performance.now());
    if (r < 0.2 || !target) {
      if (r < 0.1) bot.client.moves.message(`Note ${bot.n} from ${bot.playerID}: the pager went off again.`);
      else
        bot.client.moves.propose(`action-${bot.n % 8}`, `Round ${bot.n}: we need it before the next storm.`);
    } else if (r < 0.45) bot.client.moves.approve(target, 'Within budget and it buys us time.');
    else if (r < 0.55) bot.client.moves.reject(target, 'Too costly for what it buys.');
    else if (r < 0.75) bot.client.moves.vote(target, Math.random() < 0.5);
    else bot.client.moves.message(`Note ${bot.n} from ${bot.playerID}: the pager went off again.`);
  }

  async function addMatch() {
    const post = async (path: string, body: unknown) => {
      const res = await fetch(`${url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      if (!res.ok) throw new Error(`${path}: ${res.status}`);
      return (await res.json()) as Record<string, string>;
    };
    const { matchID = '' } = await post(`/games/${LITE_GAME.name}/create`, { numPlayers: 4 });
    for (const playerID of PLAYERS) {
      const { playerCredentials = '' } = await post(`/games/${LITE_GAME.name}/${matchID}/join`, {
        playerID,
        playerName: `Bot ${playerID}`,
      });
      // biome-ignore lint/suspicious/noExplicitAny: the bench reads the client's private transport (its socket).
      const client: any = Client({
        // biome-ignore lint/suspicious/noExplicitAny: boardgame.io's Game type is looser than our literal.
        game: LITE_GAME as any,
        multiplayer: SocketIO({ server: url, socketOpts: { transports: ['websocket'], forceNew: true } }),
        matchID,
        playerID,
        credentials: playerCredentials,
        debug: false,
      });
      const bot: Bot = { client, playerID, sent: [], timer: undefined, n: 0 };
      client.start();
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('boardgame.io client never synced')), 20_000);
        const unsubscribe = client.subscribe((state: unknown) => {
          if (state && client.transport.isConnected !== false) {
            clearTimeout(timer);
            queueMicrotask(() => unsubscribe());
            resolve();
          }
        });
      });
      const onBroadcast = (deltalog: { action?: { payload?: { playerID?: string } } }[] | undefined) => {
        for (const entry of deltalog ?? []) {
          if (entry.action?.payload?.playerID !== playerID) continue;
          // A move the master dropped as stale (another player's landed first) never comes back: time the newest.
          const started = bot.sent.pop();
          bot.sent = [];
          if (started !== undefined) {
            latencies.push(performance.now() - started);
            moves++;
          }
        }
      };
      const socket = client.transport.socket;
      socket.on('patch', (_m: string, _p: number, _s: number, _patch: unknown, deltalog: never) =>
        onBroadcast(deltalog),
      );
      socket.on('update', (_m: string, _state: unknown, deltalog: never) => onBroadcast(deltalog));
      bots.push(bot);
    }
  }

  return {
    label,
    async grow(tables: number) {
      const batch: Promise<void>[] = [];
      while (bots.length / PLAYERS.length + batch.length < tables) {
        batch.push(addMatch());
        if (batch.length >= 8) await Promise.all(batch.splice(0));
      }
      await Promise.all(batch);
    },
    players: () => bots.length,
    setActive(on: boolean) {
      active = on;
      for (const bot of bots) {
        clearTimeout(bot.timer);
        bot.timer = undefined;
        bot.sent = [];
        if (on) schedule(bot, Math.random() * INTERVAL_MS);
      }
    },
    take() {
      const taken = { latencies, accepted: moves, refused: 0 };
      latencies = [];
      moves = 0;
      return taken;
    },
    async close() {
      this.setActive(false);
      for (const bot of bots) bot.client.stop();
    },
  };
}
