import { useEffect, useRef } from 'react';

interface Props {
  id: string;
  testId: string;
  value: string;
  onChange: (value: string) => void;
  placeholder?: string;
}

/**
 * A password field for a key. Uncontrolled, and written through its `value` property: React
 * mirrors a controlled input's value into the HTML attribute, which would put the key in the
 * page's markup.
 */
export function SecretInput({ id, testId, value, onChange, placeholder }: Props) {
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    const el = input.current;
    if (el && el.value !== value) el.value = value;
  }, [value]);
  return (
    <input
      ref={input}
      id={id}
      type="password"
      autoComplete="off"
      spellCheck={false}
      placeholder={placeholder}
      data-testid={testId}
      onChange={(e) => onChange(e.currentTarget.value)}
    />
  );
}
