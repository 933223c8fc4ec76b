// The house byline form as the byline rules read it, derived from the learned (or configured)
// byline model: which markers and separators count as the house's own, which name lengths it prints.

import { formatByline } from '../parse/byline';
import type { BylineModel, BylinePosition } from '../profile/types';
import { dominant } from './contributor';

export interface HouseByline {
  marker: string;
  /** The house prints a byline on most articles. */
  expected: boolean;
  position: BylinePosition;
  /** `●王英` style, or an author note in brackets `（作者为……）`. */
  kind: 'marker-name' | 'parenthetical-note';
  /** Markers the house itself prints (the dominant one and any regular variant). */
  acceptedMarkers: ReadonlySet<string>;
  /** Separator used when rewriting several names. */
  separator: string;
  acceptedSeparators: ReadonlySet<string>;
  /** Shortest and longest name the house printed; undefined when it printed no names. */
  nameLengths?: { min: number; max: number };
}

// A marker seen on at least this share of bylined articles is a house variant, not a slip.
const VARIANT_SHARE = 0.05;
// Without learned multi-author bylines, these separators are accepted and a space is used.
const DEFAULT_SEPARATORS = [' ', '　', '、'];

/** The house form, or undefined when the model has learned no byline at all. */
export function houseByline(model: BylineModel | undefined): HouseByline | undefined {
  if (!model || !model.marker || model.position === 'none') return undefined;
  const total = Object.values(model.markers).reduce((a, b) => a + b, 0);
  const acceptedMarkers = new Set([model.marker]);
  // A marker that is not the learned dominant one was set by config: then it is the only form.
  const overridden = dominant(model.markers) !== model.marker;
  for (const [marker, n] of Object.entries(model.markers)) {
    if (!overridden && n >= 2 && n >= total * VARIANT_SHARE) acceptedMarkers.add(marker);
  }
  const kind = model.marker.startsWith('（') ? 'parenthetical-note' : 'marker-name';
  const learnedSeparator = dominant(model.separators);
  const lengths = Object.keys(model.nameLengths)
    .filter((k) => model.nameLengths[k] > 0)
    .map(Number);
  return {
    marker: model.marker,
    expected: model.expected,
    position: model.position,
    kind,
    acceptedMarkers,
    separator: learnedSeparator ?? (kind === 'parenthetical-note' ? '、' : ' '),
    acceptedSeparators: new Set(learnedSeparator === undefined ? DEFAULT_SEPARATORS : Object.keys(model.separators)),
    nameLengths: lengths.length ? { min: Math.min(...lengths), max: Math.max(...lengths) } : undefined,
  };
}

/** The byline text in house form for these names, e.g. `●王英`, `●王英 李明`. */
export function houseFormText(house: HouseByline, names: string[]): string {
  return formatByline(house.marker, names, house.separator);
}

/** A placeholder house form for hovers when no name is known, e.g. `●作者姓名`. */
export function houseFormExample(house: HouseByline): string {
  return house.kind === 'parenthetical-note' ? `${house.marker}……）` : houseFormText(house, ['作者姓名']);
}
