import { type AttributePart, noChange } from 'lit';
import { Directive, directive, type PartInfo, PartType } from 'lit/directive.js';

/** CSS property names (kebab-case, custom properties too) and their values; null or undefined removes one. */
export type StyleProperties = Readonly<Record<string, string | number | null | undefined>>;

/**
 * `style=${styleProperties({ width: '40%' })}` sets each property through the CSSOM
 * (`element.style.setProperty`), on the first render as on every later one. A Content-Security-Policy
 * without `'unsafe-inline'` in `style-src` blocks `style` attributes but not the CSSOM; Lit's own
 * `styleMap` writes the attribute on its first render, so it breaks under such a policy.
 */
class StylePropertiesDirective extends Directive {
  #previous = new Map<string, string>();

  constructor(partInfo: PartInfo) {
    super(partInfo);
    if (partInfo.type !== PartType.ATTRIBUTE || partInfo.name !== 'style') {
      throw new Error('styleProperties() belongs in a `style` attribute binding.');
    }
  }

  render(_properties: StyleProperties) {
    return noChange;
  }

  override update(part: AttributePart, [properties]: [StyleProperties]) {
    const style = (part.element as HTMLElement | SVGElement).style;
    for (const name of this.#previous.keys()) {
      if (properties[name] == null) {
        style.removeProperty(name);
        this.#previous.delete(name);
      }
    }
    for (const [name, raw] of Object.entries(properties)) {
      if (raw == null) continue;
      const value = String(raw);
      if (this.#previous.get(name) === value) continue;
      style.setProperty(name, value);
      this.#previous.set(name, value);
    }
    return noChange;
  }
}

export const styleProperties = directive(StylePropertiesDirective);
