import type { Level } from '../../src/domain/levels.ts';
import type { MessageKey, Translate } from '../../src/i18n/index.ts';

/** A risk level as colour and text (ui.md): `<span class="badge badge-red">红色预警</span>`. */
export function LevelBadge(props: { t: Translate; level: Level | string }) {
  const level = (['red', 'orange', 'yellow', 'blue', 'none'] as const).find((l) => l === props.level) ?? 'none';
  return <span class={`badge badge-${level}`}>{props.t(`level.${level}` as MessageKey)}</span>;
}
