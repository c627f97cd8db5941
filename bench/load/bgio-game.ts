// The boardgame.io peer of the load benchmark (bench/load.bench.ts): a minimal four-player game
// with the same deliberation moves as a Crisis Table table (propose, approve, reject, vote,
// message), every player active at once, and each player's secret brief stripped from the others'
// views by PlayerView.STRIP_SECRETS.
import { ActivePlayers, PlayerView } from 'boardgame.io/core';

export interface LiteProposal {
  id: string;
  by: string;
  actionId: string;
  rationale: string;
  reviews: { by: string; approve: boolean; rationale: string }[];
  votes: { by: string; yes: boolean }[];
}

export interface LiteState {
  proposals: LiteProposal[];
  messages: { from: string; body: string }[];
  /** Each player's private brief; STRIP_SECRETS keeps only the viewer's own. */
  players: Record<string, { brief: string }>;
  secret: { seed: number };
}

type Ctx = { G: LiteState; playerID: string };

export const LITE_GAME = {
  name: 'crisis-lite',
  minPlayers: 4,
  maxPlayers: 4,
  setup: (): LiteState => ({
    proposals: [],
    messages: [],
    players: Object.fromEntries(
      ['0', '1', '2', '3'].map((id) => [id, { brief: `Private brief of player ${id}: `.padEnd(400, 'x') }]),
    ),
    secret: { seed: 42 },
  }),
  turn: { activePlayers: ActivePlayers.ALL },
  moves: {
    propose: ({ G, playerID }: Ctx, actionId: string, rationale: string) => {
      G.proposals.push({
        id: `p${G.proposals.length + 1}`,
        by: playerID,
        actionId,
        rationale,
        reviews: [],
        votes: [],
      });
    },
    approve: ({ G, playerID }: Ctx, id: string, rationale: string) => {
      G.proposals.find((p) => p.id === id)?.reviews.push({ by: playerID, approve: true, rationale });
    },
    reject: ({ G, playerID }: Ctx, id: string, rationale: string) => {
      G.proposals.find((p) => p.id === id)?.reviews.push({ by: playerID, approve: false, rationale });
    },
    vote: ({ G, playerID }: Ctx, id: string, yes: boolean) => {
      G.proposals.find((p) => p.id === id)?.votes.push({ by: playerID, yes });
    },
    message: ({ G, playerID }: Ctx, body: string) => {
      G.messages.push({ from: playerID, body });
    },
  },
  playerView: PlayerView.STRIP_SECRETS,
};
