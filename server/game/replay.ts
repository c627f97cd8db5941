export { fromLogEntry as fromStoredEvent, toLogEntry as toStoredEvent } from '../../shared/session/log';
export { replay } from '../../shared/session/replay';
