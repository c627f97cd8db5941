import { Link, useSearchParams } from 'react-router';

/** On a table's console opened from the class overview (`?cohort=<id>`): the way back to it. */
export function CohortBackLink() {
  const [params] = useSearchParams();
  const cohortId = params.get('cohort');
  if (!cohortId || !/^c_[A-Za-z0-9_-]{1,64}$/.test(cohortId)) return null;
  return (
    <Link className="cohort-back" to={`/cohort/${cohortId}`}>
      ← Back to the class overview
    </Link>
  );
}
