package runner

import "reflect"

// MapStrings returns a deep copy of v with f applied to every string in
// it, map keys included, whatever the field: a Masker's String, say, so
// that secrets are masked value by value before anything is encoded, and
// a secret as short as "e" cannot break a key or a tag of the output. A
// []byte is taken as a string; unexported fields, such as those of a
// time.Time, are copied as they are.
func MapStrings[T any](v T, f func(string) string) T {
	return mapValue(reflect.ValueOf(&v).Elem(), f).Interface().(T)
}

// mapValue returns a deep copy of v with f applied to every string in it,
// map keys included; a []byte is taken as a string. Unexported fields,
// such as those of a time.Time, are copied as they are.
func mapValue(v reflect.Value, f func(string) string) reflect.Value {
	switch v.Kind() {
	case reflect.String:
		out := reflect.New(v.Type()).Elem()
		out.SetString(f(v.String()))
		return out
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			return v
		}
		if v.Kind() == reflect.Pointer {
			out := reflect.New(v.Type().Elem())
			out.Elem().Set(mapValue(v.Elem(), f))
			return out
		}
		out := reflect.New(v.Type()).Elem()
		out.Set(mapValue(v.Elem(), f))
		return out
	case reflect.Slice:
		if v.IsNil() {
			return v
		}
		if v.Type().Elem().Kind() == reflect.Uint8 {
			return reflect.ValueOf([]byte(f(string(v.Bytes())))).Convert(v.Type())
		}
		out := reflect.MakeSlice(v.Type(), v.Len(), v.Len())
		for i := range v.Len() {
			out.Index(i).Set(mapValue(v.Index(i), f))
		}
		return out
	case reflect.Array:
		out := reflect.New(v.Type()).Elem()
		for i := range v.Len() {
			out.Index(i).Set(mapValue(v.Index(i), f))
		}
		return out
	case reflect.Map:
		if v.IsNil() {
			return v
		}
		out := reflect.MakeMapWithSize(v.Type(), v.Len())
		for it := v.MapRange(); it.Next(); {
			out.SetMapIndex(mapValue(it.Key(), f), mapValue(it.Value(), f))
		}
		return out
	case reflect.Struct:
		out := reflect.New(v.Type()).Elem()
		out.Set(v)
		for i := range v.NumField() {
			if out.Field(i).CanSet() {
				out.Field(i).Set(mapValue(v.Field(i), f))
			}
		}
		return out
	}
	return v
}
