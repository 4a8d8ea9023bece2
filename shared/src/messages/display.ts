// The display app's strings. uk and en are complete (the type checks it); ru and hu may be partial
// and fall back to English per string.
export const displayEn = {} as const;
type Key = keyof typeof displayEn;
export const displayUk: Record<Key, string> = {};
export const displayRu: Partial<Record<Key, string>> = {};
export const displayHu: Partial<Record<Key, string>> = {};
