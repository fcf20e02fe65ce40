import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { loadLabEngine } from './lab/lab-engine.ts';
import './app.css';

// The engine's chunk downloads while React draws the first frame; App reports a failure where it matters.
loadLabEngine().catch(() => {});

const container = document.getElementById('root');
if (!container) throw new Error('index.html must contain an element with id "root".');

createRoot(container).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
