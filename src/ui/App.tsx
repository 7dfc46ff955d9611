import { PRESETS } from '../scenario';

/** Placeholder screen until the timeline lands: lists the presets the simulator can run. */
export function App() {
  return (
    <main>
      <h1>Keep-alive lab</h1>
      <p>See how MQTT keeps connections alive.</p>
      <ul aria-label="Presets">
        {PRESETS.map((p) => (
          <li key={p.name}>
            <strong>{p.title}</strong> — {p.description}
          </li>
        ))}
      </ul>
    </main>
  );
}
