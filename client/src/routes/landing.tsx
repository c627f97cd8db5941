export function Landing() {
  return (
    <main className="landing">
      <h1>Crisis Table</h1>
      <p>A tabletop crisis exercise: join your facilitator's table with the code on the screen.</p>
    </main>
  );
}
