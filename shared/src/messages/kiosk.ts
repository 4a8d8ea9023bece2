// The kiosk app's strings. uk and en are complete (the type checks it); ru and hu may be partial
// and fall back to English per string.
export const kioskEn = {} as const;
type Key = keyof typeof kioskEn;
export const kioskUk: Record<Key, string> = {};
export const kioskRu: Partial<Record<Key, string>> = {};
export const kioskHu: Partial<Record<Key, string>> = {};
