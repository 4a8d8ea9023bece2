// The counter app's strings. uk and en are complete (the type checks it); ru and hu may be partial
// and fall back to English per string.
export const counterEn = {} as const;
type Key = keyof typeof counterEn;
export const counterUk: Record<Key, string> = {};
export const counterRu: Partial<Record<Key, string>> = {};
export const counterHu: Partial<Record<Key, string>> = {};
