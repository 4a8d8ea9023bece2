/** Characters a second the ticker moves at: slow enough to read from across the hall. */
const SPEED = 6;

/**
 * The centre's notice in each language, one after another, scrolling along the bottom. The line
 * is there twice, so that the second copy follows the first without a gap.
 */
export function Ticker({ texts, label }: { texts: readonly string[]; label: string }) {
  const line = texts.join('   ·   ');
  return (
    <section className="ticker" aria-label={label}>
      <div className="ticker-track" style={{ animationDuration: `${Math.max(20, line.length / SPEED)}s` }}>
        <p className="ticker-text">{line}</p>
        <p className="ticker-text" aria-hidden="true">
          {line}
        </p>
      </div>
    </section>
  );
}
