// See https://svelte.dev/docs/kit/types#app.d.ts
declare global {
  namespace App {
    interface Error {
      message: string;
      /** Stable problem+json `code` from the API, or `network` when the API could not be reached. */
      code?: string;
    }
  }
}

export {};
