import { useEffect } from 'react';
import { CloseCode } from '../../../shared/src/protocol/closeCodes.ts';
import type { QuorumProvider } from './quorumProvider.ts';

/**
 * The server closes a document's sockets with AccessChanged (4100) when this user's access to it
 * changes (role, final draft, finalised): `reload` reads the meeting or report again, so the page
 * shows the new mode and not only the server enforces it.
 */
export function useReloadOnAccessChange(provider: QuorumProvider | null, reload: () => void): void {
  useEffect(() => {
    if (!provider) return;
    const onClose = (event: CloseEvent | null) => {
      if (event?.code === CloseCode.AccessChanged) reload();
    };
    provider.on('connection-close', onClose);
    return () => provider.off('connection-close', onClose);
  }, [provider, reload]);
}
