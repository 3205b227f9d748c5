import { css } from './css.js';
import { baseStyles, surface, visuallyHidden } from './base.styles.js';

/** The panel's own: its frame, sections, switches and the grid (narrow: a block per notiflow). */
export const styles = [
  baseStyles,
  css`
    [part~='base'] {
      ${surface}
      padding: calc(var(--_space) * 1.5);
    }
    section {
      padding: var(--_space) 0;
      border-top: 1px solid var(--_line);
    }
    section:first-of-type {
      border-top: 0;
    }
    table {
      border-collapse: collapse;
      width: 100%;
    }
    th,
    td {
      padding: calc(var(--_space) / 2);
      text-align: center;
      vertical-align: top;
    }
    [role='rowheader'],
    th.name {
      text-align: start;
      font-weight: 500;
      overflow-wrap: break-word;
      max-width: 22em;
    }
    [role='rowheader'] .row-status {
      display: block;
    }
    .cell-label {
      display: none;
    }
    .description {
      display: block;
      font-weight: 400;
      font-size: 0.9em;
      color: var(--_muted);
    }
    .channels.described {
      flex-direction: column;
    }
    .channels.described .channel {
      align-items: flex-start;
    }
    .pause {
      margin-block-end: var(--_space);
    }
    .pause .notice {
      margin-block-start: 0;
    }
    .filter {
      box-sizing: border-box;
      inline-size: 100%;
      max-inline-size: 24rem;
      margin-block-end: var(--_space);
      padding: 0.45em 0.7em;
      font: inherit;
      color: inherit;
      background: var(--_bg);
      border: 1px solid var(--_line);
      border-radius: calc(var(--_radius) / 1.5);
    }
    .filter:focus-visible {
      outline: none;
      box-shadow: var(--_focus);
    }
    .section-row th {
      text-align: start;
      font-weight: 600;
      padding-block-start: var(--_space);
    }
    [role='rowheader'] .badge {
      display: block;
    }
    .notices {
      margin-bottom: calc(var(--_space) / 2);
    }
    .notice {
      color: var(--_muted);
    }
    thead th {
      font-weight: 500;
      color: var(--_muted);
      font-size: 0.9em;
    }
    tbody tr {
      border-top: 1px solid var(--_line);
    }
    .channels {
      display: flex;
      flex-wrap: wrap;
      gap: var(--_space) calc(var(--_space) * 2);
    }
    .channel {
      display: inline-flex;
      align-items: center;
      gap: calc(var(--_space) / 2);
    }
    .switch {
      position: relative;
      inline-size: var(--_switch-w);
      block-size: var(--_switch-h);
      flex: none;
      border: 0;
      border-radius: var(--_switch-h);
      padding: 0;
      cursor: pointer;
      background: var(--_off);
      transition: background 0.15s;
    }
    .switch[aria-checked='true'] {
      background: var(--_accent);
    }
    .switch[aria-disabled='true'] {
      opacity: 0.5;
      cursor: not-allowed;
    }
    .thumb {
      position: absolute;
      inset-block-start: 3px;
      inset-inline-start: 3px;
      inline-size: calc(var(--_switch-h) - 6px);
      block-size: calc(var(--_switch-h) - 6px);
      border-radius: 50%;
      background: #fff;
      transition: transform 0.15s;
    }
    .switch[aria-checked='true'] .thumb {
      transform: translateX(calc(var(--_switch-w) - var(--_switch-h)));
    }
    :host(:dir(rtl)) .switch[aria-checked='true'] .thumb {
      transform: translateX(calc(var(--_switch-h) - var(--_switch-w)));
    }
    .row-status {
      font-size: 0.85em;
      color: var(--_muted);
    }
    .row-status.failed {
      color: var(--_danger);
    }
    .row-status.saved {
      color: var(--_ok);
    }
    .skeleton {
      display: grid;
      gap: var(--_space);
    }
    .skeleton span {
      block-size: 1.2em;
      border-radius: 4px;
      background: var(--_line);
      animation: pulse 1.2s ease-in-out infinite;
    }
    .skeleton span:nth-child(2) {
      inline-size: 80%;
    }
    .skeleton span:nth-child(3) {
      inline-size: 60%;
    }
    @keyframes pulse {
      50% {
        opacity: 0.5;
      }
    }
    @media (prefers-reduced-motion: reduce) {
      .switch,
      .thumb,
      .skeleton span {
        transition: none;
        animation: none;
      }
    }
    /* Narrow (a phone, a sidebar): each notiflow is a block, its name on its own line and
     labelled switches beneath; no table squeezed, no word broken. 520px fits the grid of
     six channel columns with names of about two words. */
    @container (max-width: 519px) {
      table,
      thead,
      tbody,
      tr,
      th,
      td {
        display: block;
      }
      thead {
        ${visuallyHidden}
      }
      tr[part~='row'] {
        display: flex;
        flex-wrap: wrap;
        gap: calc(var(--_space) / 2) calc(var(--_space) * 1.5);
        padding: var(--_space) 0;
      }
      [role='rowheader'] {
        flex: 1 0 100%;
        max-width: none;
        padding: 0;
      }
      td {
        display: inline-flex;
        align-items: center;
        gap: calc(var(--_space) / 2);
        padding: 0;
      }
      td.none {
        display: none;
      }
      .cell-label {
        display: inline;
      }
    }
  `,
];
