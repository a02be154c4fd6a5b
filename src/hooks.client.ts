/**
 * A shared link whose fragment picked up a stray "%" (cut or mangled on its way) makes SvelteKit's
 * scroll-to-anchor throw a URIError before the page starts. Such a fragment is escaped here, before the
 * router reads the address, so the link reader can say in words what is wrong with the link instead.
 */
export function init(): void {
  const { hash } = window.location;
  if (decodable(hash)) return;
  // Every sign, not only the lone ones: "%de" looks like an escape but is not valid UTF-8 on its own.
  history.replaceState(history.state, '', `${window.location.pathname}${window.location.search}${hash.replace(/%/g, '%25')}`);
}

function decodable(text: string): boolean {
  try {
    // The result is used so that a minifier cannot drop the call as free of effects (it throws on bad input).
    return decodeURIComponent(text).length >= 0;
  } catch {
    return false;
  }
}
