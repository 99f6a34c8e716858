import { useId } from 'react';
import type { ProgressEvent } from '../api';

/** A labelled progress bar with the current step in words. */
export function ProgressBar(props: { label: string; progress: ProgressEvent | null }) {
  const id = useId();
  const { progress } = props;
  const total = progress && progress.total > 0 ? progress.total : 1;
  const done = progress ? Math.min(progress.done, total) : 0;
  const percent = Math.round((done / total) * 100);
  return (
    <div className="progress">
      <div id={`${id}-label`} className="progress-label">
        {props.label}
      </div>
      <progress aria-labelledby={`${id}-label`} aria-describedby={`${id}-text`} max={total} value={done} />
      <div id={`${id}-text`} className="progress-text" aria-live="polite">
        {progress ? `${progress.message} (${percent}%)` : 'Starting…'}
      </div>
    </div>
  );
}

/** A long call's progress and its Stop button, while it runs. */
export function OperationProgress(props: {
  running: AbortController | null;
  progress: ProgressEvent | null;
  label: string;
  stopLabel: string;
}) {
  const { running } = props;
  if (!running) return null;
  return (
    <>
      <ProgressBar label={props.label} progress={props.progress} />
      <button type="button" className="button button-warning" onClick={() => running.abort()}>
        {props.stopLabel}
      </button>
    </>
  );
}
