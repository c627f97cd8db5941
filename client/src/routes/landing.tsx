import { CreateClassForm } from '../components/create-class-form';
import { CreateExerciseForm } from '../components/create-exercise-form';
import { JoinForm } from '../components/join-form';
import { MyExercises } from '../components/my-exercises';

export function Landing() {
  return (
    <main className="landing">
      <header className="landing-hero">
        <h1>Crisis Table</h1>
        <p>A tabletop crisis exercise: join your facilitator's table with the code on the screen.</p>
      </header>
      <div className="grid-2">
        <JoinForm />
        <CreateExerciseForm />
      </div>
      <CreateClassForm />
      <MyExercises />
    </main>
  );
}
