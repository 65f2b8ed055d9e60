import { startEarlyRequests } from './app/earlyRequests';
import './styles/app.css';

/*
 * The page's first script is small: it asks the main side its first questions (earlyRequests.ts),
 * then loads the app. The answers travel while React and the map are parsed and run, instead of
 * after (issue 10, opening a lesion on a fresh page).
 */
startEarlyRequests(window.location.hash);
import('./boot').catch((e: unknown) => {
  document.body.textContent = `Layermap could not start (${String(e)}). Restart the app.`;
});
