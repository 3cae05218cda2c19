import { type WorkspaceChoice } from '../workspaces/workspace-choice';

/**
 * The project's workspace: a required select when the key acts in several, a free name for an
 * operator key, nothing when there is only one.
 */
export function WorkspaceField(props: {
  choice: WorkspaceChoice;
  value: string;
  onChange: (workspace: string) => void;
}) {
  const { choice, value, onChange } = props;
  if (choice.kind === 'fixed') return null;
  if (choice.kind === 'any') {
    return (
      <>
        <label for="workspace">Workspace (optional: empty is default)</label>
        <input
          id="workspace"
          maxLength={63}
          value={value}
          onInput={(event) => onChange(event.currentTarget.value)}
        />
      </>
    );
  }
  return (
    <>
      <label for="workspace">Workspace</label>
      <select
        id="workspace"
        required
        value={value}
        onChange={(event) => onChange(event.currentTarget.value)}
      >
        <option value="" disabled>
          Choose a workspace
        </option>
        {choice.options.map((option) => (
          <option key={option} value={option}>
            {option}
          </option>
        ))}
      </select>
    </>
  );
}
