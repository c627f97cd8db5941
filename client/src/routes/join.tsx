import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import type { JoinPreview } from '../../../shared/protocol/rest';
import { JoinForm } from '../components/join-form';
import { previewJoin } from '../lib/api';

/** The QR code's target: the code is in the link, so a player only types a name. */
export function JoinRoute() {
  const code = (useParams().code ?? '').toUpperCase();
  const [preview, setPreview] = useState<JoinPreview>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    let live = true;
    void previewJoin(code).then((result) => {
      if (!live) return;
      if (result.ok) setPreview(result.value);
      else setError(result.message);
    });
    return () => {
      live = false;
    };
  }, [code]);
  return (
    <main>
      <h1>Join exercise {code}</h1>
      {error ? (
        <>
          <p className="error-text" role="alert">
            {error}
          </p>
          <p>
            <Link to="/">Enter a code by hand</Link>
          </p>
        </>
      ) : (
        <JoinForm code={code} preview={preview} />
      )}
    </main>
  );
}
