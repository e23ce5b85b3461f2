import { ensureUiBuilt } from '../scripts/ui-build.ts';

/** Browser tests run against the built UIs, built once per run when missing or stale. */
export default function setup() {
  ensureUiBuilt();
}
