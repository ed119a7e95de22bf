import type { ReactNode } from 'react';
import { Dialog } from './Dialog';

interface Props {
  title: string;
  open: boolean;
  confirmLabel: string;
  busy?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
  children: ReactNode;
}

export function ConfirmDialog({ title, open, confirmLabel, busy, onConfirm, onCancel, children }: Props) {
  return (
    <Dialog title={title} open={open} onClose={onCancel}>
      {children}
      <div className="actions">
        <button type="button" onClick={onCancel} autoFocus>Cancel</button>
        <button type="button" className="danger" disabled={busy} onClick={onConfirm}>{confirmLabel}</button>
      </div>
    </Dialog>
  );
}
