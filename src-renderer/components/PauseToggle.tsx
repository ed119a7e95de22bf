/** Stops every metered request (402) until resumed: the big red switch. */
import { api } from '../api/client';
import { useMutation } from '../hooks/useMutation';

export function PauseToggle({ paused, onChanged }: { paused: boolean | undefined; onChanged: () => void }) {
  const toggle = useMutation(api.setPaused);
  const flip = async () => {
    if (await toggle.run(!paused)) onChanged();
  };
  return (
    <div className="pause">
      <button type="button" className={paused ? 'primary' : ''} aria-pressed={paused ?? false}
        disabled={paused === undefined || toggle.busy} onClick={() => void flip()}>
        {paused ? 'Resume proxy' : 'Pause proxy'}
      </button>
      {toggle.error && <small className="field-error" role="alert">{toggle.error}</small>}
    </div>
  );
}
