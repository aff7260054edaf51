import { useRef, type ReactNode } from 'react';

interface Props {
  children: ReactNode;
  testId: string;
  onPick: (files: File[]) => void;
}

/** A button that opens the browser's folder picker and hands over every file in the folder. */
export function FolderButton({ children, testId, onPick }: Props) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <button type="button" onClick={() => input.current?.click()}>
        {children}
      </button>
      <input
        ref={input}
        type="file"
        hidden
        multiple
        data-testid={testId}
        {...{ webkitdirectory: '' }}
        onChange={(e) => {
          const files = [...(e.target.files ?? [])];
          // Cleared so that picking the same folder again still fires a change.
          e.target.value = '';
          if (files.length) onPick(files);
        }}
      />
    </>
  );
}
