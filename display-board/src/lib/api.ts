/** The part of GET /api/windows the lobby board shows. No personal data ever reaches the board. */
export interface BoardWindow {
  id: number;
  number: number;
  nameZh: string;
  family: { code: string; nameZh: string; ticketPrefix: string };
  open: boolean;
  closesAt: string | null;
  nextOpensAt: string | null;
  status: 'active' | 'suspended' | 'retired';
}

export interface WindowList {
  timeZone: string;
  now: string;
  windows: BoardWindow[];
}

export async function fetchWindows(signal?: AbortSignal): Promise<WindowList> {
  const res = await fetch('/api/windows', { headers: { accept: 'application/json' }, signal });
  if (!res.ok) {
    let message = `HTTP ${res.status}`;
    try {
      const problem = (await res.json()) as { title?: string; detail?: string };
      message = problem.detail ?? problem.title ?? message;
    } catch {
      // Not problem+json: keep the status line.
    }
    throw new Error(message);
  }
  return (await res.json()) as WindowList;
}
