export function PlaceholderScreen({ title }: { title: string }) {
  return (
    <section aria-label={title}>
      <h1>{title}</h1>
    </section>
  );
}
