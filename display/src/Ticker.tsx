/** Characters a second the ticker moves at: slow enough to read from across the hall. */
const SPEED = 6;

/** The centre's notice in each language, one after another, scrolling along the bottom. */
export function Ticker({ texts, label }: { texts: readonly string[]; label: string }) {
  const line = texts.join('   ·   ');
  return (
    <section className="ticker" aria-label={label}>
      <p className="ticker-line" style={{ animationDuration: `${Math.max(20, line.length / SPEED)}s` }}>
        {line}
      </p>
    </section>
  );
}
