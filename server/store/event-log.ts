import type { FileHandle } from 'node:fs/promises';
import { StoreCorruptionError, type StoredEvent } from './session-store';
import { decodeRecord, encodeRecord } from './store-request';

/**
 * The file store's log format: one line per append, each line a JSON array of the events that append
 * wrote. A line is the unit of atomicity, so a crash mid-write can tear only the last line and never
 * leaves half of one command's events behind. Only newline-terminated lines count: the newline is
 * written with the record and fsynced before the append is acknowledged.
 *
 * Readers scan backwards from the end. Unreadable bytes at the very end are a torn tail (tolerated,
 * reported, truncated by the next append); an unreadable line with good lines after it, or a gap
 * in seqs, is corruption.
 */

const NEWLINE = 0x0a;
/** First read from the end: a few typical records. Doubled until a whole record fits. */
const FIRST_TAIL_WINDOW = 8 * 1024;

/** The line for one append: its record (store-request.ts) and the newline that completes it. */
export function encodeLine(encodedEvents: string[]): Buffer {
  return Buffer.from(`${encodeRecord(encodedEvents)}\n`, 'utf8');
}

export interface LogScan {
  /** Events with seq greater than the requested `afterSeq`, in order. */
  events: StoredEvent[];
  /** Seq of the last event in the log; 0 for an empty log. */
  lastSeq: number;
  /** File offset just after the last good record: the length the log should have. */
  validEnd: number;
  /** Bytes after `validEnd` (a torn tail), 0 when the log ends cleanly. */
  tornBytes: number;
}

/** Reads the whole log and returns the events after `afterSeq`, checking continuity back to there. */
export async function readLog(fd: FileHandle, afterSeq: number, where: string): Promise<LogScan> {
  const { size } = await fd.stat();
  return scanBackward(await readRange(fd, 0, size), 0, afterSeq, where) as LogScan;
}

/** Finds the last seq and the clean end of the log, reading only as much of its end as that takes. */
export async function readLogTail(fd: FileHandle, where: string): Promise<LogScan> {
  const { size } = await fd.stat();
  for (let window = FIRST_TAIL_WINDOW; window < size; window *= 2) {
    const start = size - window;
    const scan = scanBackward(await readRange(fd, start, size), start, Number.POSITIVE_INFINITY, where);
    if (scan) return scan;
  }
  return scanBackward(await readRange(fd, 0, size), 0, Number.POSITIVE_INFINITY, where) as LogScan;
}

async function readRange(fd: FileHandle, start: number, end: number): Promise<Buffer> {
  const buffer = Buffer.allocUnsafe(end - start);
  let filled = 0;
  while (filled < buffer.length) {
    const { bytesRead } = await fd.read(buffer, filled, buffer.length - filled, start + filled);
    if (bytesRead === 0) break;
    filled += bytesRead;
  }
  return buffer.subarray(0, filled);
}

/**
 * Walks records from the end of `buffer` (the file's bytes from offset `base` on) until it has every
 * event after `afterSeq`. Returns undefined when `buffer` is only a suffix of the file and the walk
 * needs bytes before it.
 */
function scanBackward(buffer: Buffer, base: number, afterSeq: number, where: string): LogScan | undefined {
  const lastNewline = buffer.lastIndexOf(NEWLINE);
  let validEnd = lastNewline + 1;
  const fileEnd = buffer.length;
  const records: StoredEvent[][] = []; // newest first
  let lineEnd = lastNewline;
  while (lineEnd >= 0) {
    const previousNewline = lineEnd === 0 ? -1 : buffer.lastIndexOf(NEWLINE, lineEnd - 1);
    if (previousNewline === -1 && base > 0) return undefined;
    const lineStart = previousNewline + 1;
    const record = decodeRecord(buffer.toString('utf8', lineStart, lineEnd));
    const later = records.at(-1)?.[0];
    if (!record) {
      if (records.length > 0) {
        throw new StoreCorruptionError(`${where}: unreadable line at byte ${base + lineStart}`);
      }
      // Still inside the torn tail: garbage that happens to contain a newline.
      validEnd = lineStart;
    } else {
      const last = record.at(-1) as StoredEvent;
      if (later && last.seq !== later.seq - 1) {
        throw new StoreCorruptionError(
          `${where}: seq ${last.seq} at byte ${base + lineStart} is followed by seq ${later.seq}`,
        );
      }
      records.push(record);
      if ((record[0] as StoredEvent).seq <= afterSeq + 1) break;
    }
    lineEnd = previousNewline;
  }
  if (lineEnd < 0 && base > 0) return undefined;
  records.reverse();
  const first = records[0]?.[0];
  if (lineEnd < 0 && first && first.seq !== 1) {
    throw new StoreCorruptionError(`${where}: the log starts at seq ${first.seq}, not 1`);
  }
  const events = records.flat().filter((event) => event.seq > afterSeq);
  return {
    events,
    lastSeq: records.at(-1)?.at(-1)?.seq ?? 0,
    validEnd: base + validEnd,
    tornBytes: fileEnd - validEnd,
  };
}
