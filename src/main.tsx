import { StrictMode } from 'react';
import { pageFrames } from './base/frames';
import { wallNow } from './base/time';
import { createRoot } from 'react-dom/client';
import { AppController, setAppController } from './state/controller';
import { openLessonLink } from './state/lessonLinks';
import { App } from './ui/App';
import { ErrorBoundary } from './ui/ErrorBoundary';
import { downloadBlob } from './ui/download';
import { createSimWorker } from './worker/client';
import './ui/styles.css';

setAppController(
  new AppController({
    createWorker: createSimWorker,
    frame: (cb) => {
      pageFrames.request(cb);
    },
    now: wallNow,
    download: downloadBlob,
    replaceHash: (hash) =>
      history.replaceState(null, '', hash === '' ? location.pathname + location.search : hash),
    yield: () => new Promise((resolve) => setTimeout(resolve, 0)),
    openLesson: openLessonLink,
    confirm: (question) => window.confirm(question),
  }),
);

const root = document.getElementById('root');
if (root === null) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <ErrorBoundary label="The app">
      <App />
    </ErrorBoundary>
  </StrictMode>,
);
