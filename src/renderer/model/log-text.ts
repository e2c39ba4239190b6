// One line for a review-log entry's before → after, for the log table; the full JSON goes
// in the cell's title. Shared with the report (src/shared/review/log-text.ts).

export { changeText, EPISODE_JUDGMENT_ACTION, type ChangeLabels } from '../../shared/review/log-text.js';
