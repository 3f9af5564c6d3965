import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import './shell/theme.css';
import { useAppStore } from './stores/app';
import { initStores } from './stores';

// subscriptions start here, once, never at import
useAppStore.getState().init();
initStores();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
