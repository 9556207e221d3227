import 'tdesign-vue-next/es/style/index.css';
import './styles.css';

import { createApp } from 'vue';

import App from './app.vue';
import { createConsoleRouter } from './router';

createApp(App).use(createConsoleRouter()).mount('#app');
