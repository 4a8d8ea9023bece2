// Flags drawn here, not emoji: a kiosk's Linux has no colour emoji font. A language without a flag
// shows its code; a flag is a hint next to the language's own name, never the only label.
const stripes: Record<string, string[]> = {
  uk: ['#0057b7', '#ffd700'],
  ru: ['#ffffff', '#0039a6', '#d52b1e'],
  hu: ['#ce2939', '#ffffff', '#477050'],
  de: ['#000000', '#dd0000', '#ffce00'],
  pl: ['#ffffff', '#dc143c'],
};

export function Flag({ lang }: { lang: string }) {
  const colours = stripes[lang];
  if (lang === 'en') return <EnglishFlag />;
  if (!colours)
    return (
      <span className="flag flag-code" aria-hidden="true">
        {lang.toUpperCase()}
      </span>
    );
  const h = 60 / colours.length;
  return (
    <svg className="flag" viewBox="0 0 90 60" aria-hidden="true">
      {colours.map((c, i) => (
        <rect key={c} x="0" y={i * h} width="90" height={h} fill={c} />
      ))}
      <rect x="0.5" y="0.5" width="89" height="59" fill="none" stroke="#ffffff55" />
    </svg>
  );
}

function EnglishFlag() {
  return (
    <svg className="flag" viewBox="0 0 60 30" aria-hidden="true">
      <rect width="60" height="30" fill="#012169" />
      <path d="M0,0 L60,30 M60,0 L0,30" stroke="#ffffff" strokeWidth="6" />
      <path d="M0,0 L60,30 M60,0 L0,30" stroke="#c8102e" strokeWidth="2" />
      <path d="M30,0 V30 M0,15 H60" stroke="#ffffff" strokeWidth="10" />
      <path d="M30,0 V30 M0,15 H60" stroke="#c8102e" strokeWidth="6" />
    </svg>
  );
}
