// The one way the benches time "first prediction": a script installed before the app's own, so the time is
// read inside the page (performance.now(), no test-driver latency) the frame a percentage shows.

/**
 * Installed before any page script: on every animation frame, looks (through shadow roots) for the
 * role=status region named "Prediction" and records `performance.now()` — milliseconds since navigation
 * start — the first frame it shows a percentage.
 */
export const WATCH_FIRST_PREDICTION = `(() => {
  const nameOf = (el) => {
    const label = el.getAttribute('aria-label');
    if (label) return label.trim();
    const ids = (el.getAttribute('aria-labelledby') || '').split(/\\s+/).filter(Boolean);
    const root = el.getRootNode();
    return ids.map((id) => (root.getElementById ? root.getElementById(id) : null)?.textContent || '').join(' ').trim();
  };
  const findRegion = () => {
    const roots = [document];
    while (roots.length > 0) {
      const root = roots.pop();
      for (const el of root.querySelectorAll('[role="status"]')) if (nameOf(el) === 'Prediction') return el;
      for (const el of root.querySelectorAll('*')) if (el.shadowRoot) roots.push(el.shadowRoot);
    }
    return null;
  };
  const tick = () => {
    const region = findRegion();
    if (region && /\\d%/.test(region.textContent || '')) {
      window.__petalFirstPrediction = performance.now();
      return;
    }
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})();`;
