import { css, html, LitElement } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { StorageStatus } from '../models/registry/storage-status';
import { formatBytes } from '../shared/format-number';
import { controlStyles } from '../shared/theme';
import type { EngineStatus } from './engine-controller';
import '../pwa/petal-install-app';

/** The engine as "About this device" describes it. */
export interface EngineFacts {
  readonly status: EngineStatus;
  /** 'wasm' or 'cpu' once the worker has started, else null. */
  readonly backend: string | null;
  /** Why the WASM backend could not be used, when it could not. */
  readonly fallbackReason: string | null;
}

/**
 * What "About this device" holds: the engine's backend, the storage the saved models live in, what
 * happens to the user's data, the version and how to install. Loaded when the section is first opened
 * (most visits never open it), so none of it weighs on the first prediction.
 */
@customElement('petal-about')
export class PetalAbout extends LitElement {
  static override styles = [
    controlStyles,
    css`
      :host {
        display: block;
      }
      dl {
        display: grid;
        grid-template-columns: max-content minmax(0, 1fr);
        gap: 0.35rem 1rem;
        margin: 0.75rem 0 0;
        max-width: 46rem;
      }
      dt {
        font-weight: 600;
      }
      dd {
        margin: 0;
      }
    `,
  ];

  @property({ attribute: false }) engine: EngineFacts = {
    status: 'starting',
    backend: null,
    fallbackReason: null,
  };

  /** The storage figures, once read; null while they are being read. */
  @property({ attribute: false }) storage: StorageStatus | null = null;

  override render() {
    return html`<dl>
        <dt>Engine</dt>
        <dd>${this.#backendText()}</dd>
        <dt>Storage</dt>
        <dd>${this.#storageText()}</dd>
        <dt>Privacy</dt>
        <dd>
          Files are read on this device and models are kept in this browser's storage. Nothing is sent
          anywhere; after the first visit Petal works offline.
        </dd>
      </dl>
      <petal-install-app></petal-install-app>`;
  }

  #backendText() {
    const { backend, fallbackReason, status } = this.engine;
    if (status === 'failed') return html`<span>Backend: unavailable</span>`;
    if (!backend) return html`<span>Backend: starting…</span>`;
    return html`<span>Backend: ${backend}${fallbackReason ? ' (fallback)' : ''}</span>
      <span class="muted"
        >— TensorFlow.js trains in a background worker, so the page stays responsive.
        ${fallbackReason ?? ''}</span
      >`;
  }

  #storageText() {
    const { storage } = this;
    if (!storage) return html`<span>Checking…</span>`;
    const usage = storage.usage === undefined ? '' : ` · ${formatBytes(storage.usage)} used`;
    return storage.persisted
      ? html`<span>Persistent: the browser keeps saved models${usage}</span>`
      : html`<span>May be cleared by the browser${usage}</span>
          <span class="muted"
            >— when space runs low the browser may remove saved models; export the ones you need.</span
          >`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'petal-about': PetalAbout;
  }
}
