// A search box that reports its value after typing pauses, so each keystroke is not a request.
import { useEffect, useRef, useState, type ReactElement } from "react";
import { Icon } from "./icons.js";

export function SearchInput(props: {
  /** With an id, a visible <label htmlFor> names the box; else `label` does. */
  id?: string;
  label: string;
  value: string;
  placeholder?: string;
  onChange: (v: string) => void;
}): ReactElement {
  const [text, setText] = useState(props.value);
  const onChange = useRef(props.onChange);
  onChange.current = props.onChange;
  useEffect(() => setText(props.value), [props.value]);
  useEffect(() => {
    if (text === props.value) return;
    const t = setTimeout(() => onChange.current(text), 300);
    return () => clearTimeout(t);
  }, [text, props.value]);
  return (
    <div className="search">
      <Icon name="search" size={16} />
      <input
        type="search"
        id={props.id}
        aria-label={props.id === undefined ? props.label : undefined}
        placeholder={props.placeholder}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === "Enter") onChange.current(text);
        }}
      />
    </div>
  );
}
