import { createApp } from 'vue';
import '@notiflows/web-push/define'; // registers <notiflows-preferences>
import App from './App.vue';
import { loadConfig } from './config';

createApp(App, { config: await loadConfig() }).mount('#app');
