/** The courts a report covers: the scope's root court and every court below it. */
export type CourtLevel = 'high' | 'intermediate' | 'basic';
export const COURT_LEVELS: readonly CourtLevel[] = ['high', 'intermediate', 'basic'];

export interface StatsCourt {
  id: number;
  code: string;
  name: string;
  nameEn?: string | null;
  level: CourtLevel;
  hasVideoRoom: boolean;
}

export interface StatsScope {
  /** The court the report is for (the caller's court or one below it). */
  rootCourtId: number;
  /** The root and every court below it, in display order (the court tree's order). */
  courts: readonly StatsCourt[];
}

export interface VideoRooms {
  withRoom: number;
  total: number;
}

/**
 * The share of courts with a video reception room: of the courts below the root (the article's
 * "112 intermediate and basic courts" under the High Court), or the root itself when nothing is
 * below it.
 */
export function videoRooms(scope: StatsScope): VideoRooms {
  const below = scope.courts.filter((c) => c.id !== scope.rootCourtId);
  const counted = below.length > 0 ? below : scope.courts.filter((c) => c.id === scope.rootCourtId);
  return { withRoom: counted.filter((c) => c.hasVideoRoom).length, total: counted.length };
}
