import { lazy, Suspense } from 'react';
import { Route, Routes } from 'react-router';
import { Landing } from './routes/landing';

// Each page is its own chunk: a player's phone loads the player view, not the console or the charts.
const JoinRoute = lazy(() => import('./routes/join').then((m) => ({ default: m.JoinRoute })));
const PlayRoute = lazy(() => import('./routes/play').then((m) => ({ default: m.PlayRoute })));
const FacilitateRoute = lazy(() =>
  import('./routes/facilitate').then((m) => ({ default: m.FacilitateRoute })),
);
const ScreenRoute = lazy(() => import('./routes/screen').then((m) => ({ default: m.ScreenRoute })));
const DebriefRoute = lazy(() => import('./routes/debrief').then((m) => ({ default: m.DebriefRoute })));
const ReportRoute = lazy(() => import('./routes/report').then((m) => ({ default: m.ReportRoute })));
const EvaluateRoute = lazy(() => import('./routes/evaluate').then((m) => ({ default: m.EvaluateRoute })));
const CohortRoute = lazy(() => import('./routes/cohort').then((m) => ({ default: m.CohortRoute })));
const CohortScreenRoute = lazy(() =>
  import('./routes/cohort-screen').then((m) => ({ default: m.CohortScreenRoute })),
);
const CohortDebriefRoute = lazy(() =>
  import('./routes/cohort-debrief').then((m) => ({ default: m.CohortDebriefRoute })),
);
const AuthorRoute = lazy(() => import('./routes/author').then((m) => ({ default: m.AuthorRoute })));

function Loading() {
  return (
    <main>
      <p role="status">Loading…</p>
    </main>
  );
}

export function App() {
  return (
    <Suspense fallback={<Loading />}>
      <Routes>
        <Route path="/" element={<Landing />} />
        <Route path="/join/:code" element={<JoinRoute />} />
        <Route path="/play/:sessionId" element={<PlayRoute />} />
        <Route path="/facilitate/:sessionId" element={<FacilitateRoute />} />
        <Route path="/screen/:sessionId" element={<ScreenRoute />} />
        <Route path="/debrief/:sessionId" element={<DebriefRoute />} />
        <Route path="/evaluate/:sessionId" element={<EvaluateRoute />} />
        <Route path="/author" element={<AuthorRoute />} />
        <Route path="/cohort/:cohortId" element={<CohortRoute />} />
        <Route path="/cohort/:cohortId/screen" element={<CohortScreenRoute />} />
        <Route path="/cohort/:cohortId/debrief" element={<CohortDebriefRoute />} />
        <Route path="/report/:sessionId" element={<ReportRoute />} />
        <Route path="*" element={<Landing />} />
      </Routes>
    </Suspense>
  );
}
