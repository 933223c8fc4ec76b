// The byline model of a house that prints `●name` on the line under every headline (the launch
// customer's form), for tests that build profiles by hand.
import type { BylineModel } from '../../server/src/engine/profile/types';

export function markerHouseByline(articles: number, nameLengths: Record<string, number>, separators: Record<string, number> = {}): BylineModel {
  return {
    articlesWithByline: articles,
    articles,
    expected: true,
    position: 'after-headline',
    positionCounts: { 'after-headline': articles },
    markers: { '●': articles },
    marker: '●',
    nameLengths,
    separators,
    examples: [],
  };
}
