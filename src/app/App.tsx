export function App() {
  return <main>Shoebox</main>;
}
