// See https://svelte.dev/docs/kit/types#app.d.ts
declare global {
  interface Window {
    /** Every line the board has started to announce, oldest first: lets a headless test hear it. */
    __boardAnnouncements?: string[];
  }
}

export {};
