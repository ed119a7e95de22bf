/** The core's own settings (the desktop app's own, like the port, live in its tray menu). */
import { useState } from 'react';
import { api } from '../api/client';
import { SettingsForm } from '../components/SettingsForm';
import { Loaded } from '../components/States';
import { useApi } from '../hooks/useApi';
import { useMutation } from '../hooks/useMutation';

export function Settings() {
  const settings = useApi(api.settings, [], ['paused']);
  const save = useMutation(api.updateSettings);
  const [saved, setSaved] = useState(false);
  return (
    <>
      <header className="page-head"><h1>Settings</h1></header>
      <section className="card narrow">
        <Loaded state={settings}>
          {(current) => (
            <SettingsForm settings={current} state={save} onSubmit={(input) => {
              setSaved(false);
              void save.run(input).then((result) => {
                if (!result) return;
                setSaved(true);
                settings.reload();
              });
            }} />
          )}
        </Loaded>
        {saved && <p role="status" className="muted">Saved.</p>}
      </section>
    </>
  );
}
