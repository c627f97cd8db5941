import { useCallback, useEffect, useRef, useState } from 'react';
import * as Y from 'yjs';
import type { ViewerKind } from '../../../shared/views/viewer';
import type { SessionHandle } from './use-session';

/** How often local keystrokes are sent, merged into one Yjs update (well under the socket's rate limit). */
const FLUSH_MS = 250;

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/**
 * A checkpoint deliverable drafted together (server/realtime/draft-relay.ts): one Yjs document per
 * role's section, kept in step over the session's socket. Returns every section's text and, for a
 * player, `edit` to change their own; Yjs merges edits made at the same time.
 */
export function useDraft<K extends ViewerKind>(
  session: SessionHandle<K>,
  checkpointId: string,
  myRoleId: string | null,
): { texts: Record<string, string>; edit: (text: string) => void; error: string | undefined } {
  const docs = useRef(new Map<string, Y.Doc>());
  const pending = useRef<Uint8Array[]>([]);
  const [texts, setTexts] = useState<Record<string, string>>({});
  const [error, setError] = useState<string>();
  const { sendDraft, onDraft, connection } = session;

  const docFor = useCallback(
    (roleId: string): Y.Doc => {
      let doc = docs.current.get(roleId);
      if (!doc) {
        doc = new Y.Doc();
        const text = doc.getText('text');
        doc.on('update', (update: Uint8Array, origin: unknown) => {
          if (origin !== 'remote' && roleId === myRoleId) pending.current.push(update);
          setTexts((all) => ({ ...all, [roleId]: text.toString() }));
        });
        docs.current.set(roleId, doc);
      }
      return doc;
    },
    [myRoleId],
  );

  // Open the drafts on every (re)connection: the server's state merges with ours either way.
  useEffect(() => {
    if (connection !== 'connected') return;
    const off = onDraft((event) => {
      if (event.checkpointId === checkpointId)
        Y.applyUpdate(docFor(event.roleId), fromBase64(event.update), 'remote');
    });
    void sendDraft({ checkpointId }).then((ack) => {
      if (!ack.ok) return setError(ack.message);
      for (const section of ack.sections)
        Y.applyUpdate(docFor(section.roleId), fromBase64(section.update), 'remote');
      // Edits made while offline go out now.
      const mine = myRoleId === null ? undefined : docs.current.get(myRoleId);
      if (mine) pending.current.push(Y.encodeStateAsUpdate(mine));
    });
    return off;
  }, [connection, checkpointId, sendDraft, onDraft, docFor, myRoleId]);

  useEffect(() => {
    if (myRoleId === null) return;
    const timer = setInterval(() => {
      if (pending.current.length === 0) return;
      const update = Y.mergeUpdates(pending.current);
      pending.current = [];
      void sendDraft({ checkpointId, roleId: myRoleId, update: toBase64(update) }).then((ack) => {
        setError(ack.ok ? undefined : ack.message);
      });
    }, FLUSH_MS);
    return () => clearInterval(timer);
  }, [checkpointId, myRoleId, sendDraft]);

  const edit = useCallback(
    (next: string) => {
      if (myRoleId === null) return;
      const text = docFor(myRoleId).getText('text');
      const current = text.toString();
      // The smallest change from the old text to the new (one typed or pasted run, or a deletion).
      let start = 0;
      while (start < current.length && start < next.length && current[start] === next[start]) start++;
      let end = 0;
      while (
        end < current.length - start &&
        end < next.length - start &&
        current[current.length - 1 - end] === next[next.length - 1 - end]
      )
        end++;
      text.doc?.transact(() => {
        text.delete(start, current.length - start - end);
        text.insert(start, next.slice(start, next.length - end));
      });
    },
    [docFor, myRoleId],
  );

  return { texts, edit, error };
}
