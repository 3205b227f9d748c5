// Makes svelte-check use this folder's defaults (Svelte 5, TypeScript in <script lang="ts">)
// instead of the repository's vite.config.ts.
export default {};
