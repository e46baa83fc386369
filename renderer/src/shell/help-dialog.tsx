import { Dialog } from '../ui/dialog.js';
import { SHORTCUTS } from './shortcuts.js';

/** Every keyboard shortcut with what it does (`?`); wide, so descriptions stay on one line. */
export function HelpDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  return (
    <Dialog open={open} onClose={onClose} label="Keyboard shortcuts" wide>
      <div className="dialog-body">
        <h2>Keyboard shortcuts</h2>
        <table className="table">
          <tbody>
            {SHORTCUTS.map((shortcut) => (
              <tr key={shortcut.description}>
                <td className="shortcut-keys">
                  {shortcut.keys.map((key, index) => (
                    <span key={key}>
                      {index > 0 ? ' ' : ''}
                      <kbd>{key}</kbd>
                    </span>
                  ))}
                </td>
                <td>{shortcut.description}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <div className="dialog-actions">
          <button type="button" className="btn btn-primary" onClick={onClose} autoFocus>
            Close
          </button>
        </div>
      </div>
    </Dialog>
  );
}
