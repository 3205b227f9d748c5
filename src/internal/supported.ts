/**
 * What the element needs beyond es2022 syntax, as the names a developer would search for.
 * Below the floor (docs/guide/troubleshooting.md, "Browser support") the element is not defined: the page shows
 * whatever the tag contains, and the console gets one line.
 */
export function missingFeatures(scope: typeof globalThis = globalThis): string[] {
  const needs: [string, unknown][] = [
    ['structuredClone', scope.structuredClone], // Firefox 94, Chrome 98, Safari 15.4
    ['crypto.subtle (a secure context: https or localhost)', scope.crypto?.subtle],
  ];
  return needs.filter(([, present]) => !present).map(([name]) => name);
}
