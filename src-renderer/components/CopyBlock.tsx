import { useState } from 'react';

/** A snippet with a copy button; the code stays selectable for browsers without clipboard access. */
export function CopyBlock({ title, code }: { title: string; code: string }) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    await navigator.clipboard.writeText(code);
    setCopied(true);
    setTimeout(() => setCopied(false), 1500);
  };
  return (
    <figure className="copy-block">
      <figcaption>
        <span>{title}</span>
        <button type="button" className="small" onClick={() => void copy().catch(() => setCopied(false))} aria-label={`Copy ${title}`}>
          {copied ? 'Copied' : 'Copy'}
        </button>
      </figcaption>
      <pre><code>{code}</code></pre>
    </figure>
  );
}
