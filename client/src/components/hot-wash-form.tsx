import { type FormEvent, useId, useState } from 'react';
import { FEEDBACK_STATEMENTS } from '../../../shared/session/after-action-types';
import type { PublicScenario, ViewOf } from '../../../shared/views/view';
import { useAck } from '../hooks/use-ack';
import type { SessionHandle } from '../hooks/use-session';
import { AckError } from './ack-error';

const AGREEMENT = ['Strongly disagree', 'Disagree', 'Neutral', 'Agree', 'Strongly agree'];

/** A player's hot-wash answers and the HSEEP participant feedback form, in the debrief (logged). */
export function HotWashForm({
  view,
  scenario,
  send,
}: {
  view: ViewOf<'player'>;
  scenario: PublicScenario;
  send: SessionHandle<'player'>['send'];
}) {
  const mine = view.afterAction?.hotWash ?? [];
  // Anonymous feedback is in no view with a name, not even the sender's: the form remembers it was sent.
  const sentFeedback = (view.afterAction?.feedback ?? []).length > 0;
  return (
    <section className="panel hot-wash-form" aria-labelledby="hot-wash-answers-heading">
      <h2 id="hot-wash-answers-heading">Your hot-wash answers</h2>
      {scenario.scoring.hotWash.length === 0 && (
        <p className="muted">This scenario has no hot-wash questions.</p>
      )}
      {scenario.scoring.hotWash.map((question, index) => (
        <AnswerOne
          key={question}
          index={index}
          question={question}
          answers={mine.filter((a) => a.question === index).map((a) => a.answer)}
          send={send}
        />
      ))}
      <FeedbackForm send={send} sent={sentFeedback} />
    </section>
  );
}

function AnswerOne({
  index,
  question,
  answers,
  send,
}: {
  index: number;
  question: string;
  answers: string[];
  send: SessionHandle<'player'>['send'];
}) {
  const [answer, setAnswer] = useState('');
  const [anonymous, setAnonymous] = useState(false);
  const { busy, error, run } = useAck();
  const id = useId();
  async function submit(event: FormEvent) {
    event.preventDefault();
    if (await run(() => send({ type: 'answer-hot-wash', question: index, answer, anonymous }))) setAnswer('');
  }
  return (
    <form className="hot-wash-question" onSubmit={submit}>
      <div className="field">
        <label htmlFor={`${id}-answer`}>
          {index + 1}. {question}
        </label>
        <textarea
          id={`${id}-answer`}
          value={answer}
          maxLength={2000}
          onChange={(e) => setAnswer(e.target.value)}
        />
      </div>
      <div className="field checkbox-field">
        <input
          id={`${id}-anon`}
          type="checkbox"
          checked={anonymous}
          onChange={(e) => setAnonymous(e.target.checked)}
        />
        <label htmlFor={`${id}-anon`}>Answer anonymously</label>
      </div>
      <button type="submit" disabled={busy || answer.trim() === ''}>
        Send answer {index + 1}
      </button>
      <AckError message={error} />
      {answers.length > 0 && (
        <ul aria-label={`Your answers to question ${index + 1}`}>
          {answers.map((a) => (
            <li key={a}>{a}</li>
          ))}
        </ul>
      )}
    </form>
  );
}

function FeedbackForm({ send, sent }: { send: SessionHandle<'player'>['send']; sent: boolean }) {
  const [ratings, setRatings] = useState<number[]>(FEEDBACK_STATEMENTS.map(() => 4));
  const [strengths, setStrengths] = useState('');
  const [improvements, setImprovements] = useState('');
  const [anonymous, setAnonymous] = useState(true);
  const [done, setDone] = useState(false);
  const { busy, error, run } = useAck();
  const id = useId();
  async function submit(event: FormEvent) {
    event.preventDefault();
    if (await run(() => send({ type: 'submit-feedback', ratings, strengths, improvements, anonymous })))
      setDone(true);
  }
  return (
    <form className="feedback-form" onSubmit={submit} aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`}>Participant feedback</h3>
      <fieldset>
        <legend>Rate each statement</legend>
        {FEEDBACK_STATEMENTS.map((statement, i) => (
          <div className="field" key={statement}>
            <label htmlFor={`${id}-r${i}`}>{statement}</label>
            <select
              id={`${id}-r${i}`}
              value={ratings[i]}
              onChange={(e) => setRatings(ratings.map((r, j) => (j === i ? Number(e.target.value) : r)))}
            >
              {AGREEMENT.map((label, n) => (
                <option key={label} value={n + 1}>
                  {n + 1} — {label}
                </option>
              ))}
            </select>
          </div>
        ))}
      </fieldset>
      <div className="field">
        <label htmlFor={`${id}-strengths`}>What went well (strengths)</label>
        <textarea
          id={`${id}-strengths`}
          value={strengths}
          maxLength={2000}
          onChange={(e) => setStrengths(e.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-improvements`}>What should improve</label>
        <textarea
          id={`${id}-improvements`}
          value={improvements}
          maxLength={2000}
          onChange={(e) => setImprovements(e.target.value)}
        />
      </div>
      <div className="field checkbox-field">
        <input
          id={`${id}-anon`}
          type="checkbox"
          checked={anonymous}
          onChange={(e) => setAnonymous(e.target.checked)}
        />
        <label htmlFor={`${id}-anon`}>Send my feedback anonymously</label>
      </div>
      <button type="submit" disabled={busy}>
        Send feedback
      </button>
      {(sent || done) && <p role="status">Thank you: your feedback was recorded.</p>}
      <AckError message={error} />
    </form>
  );
}
