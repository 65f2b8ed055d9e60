/*
 * The map's Konva: the core and only the shapes the map draws with. The package's main entry
 * ('konva', which 'react-konva' loads) also brings filters, paths, sprites and a transformer
 * the map never uses, all parsed and run before a lesion's map can show. Each shape module
 * registers itself with the core; a shape used here must be imported here.
 */
import 'konva/lib/shapes/Circle';
import 'konva/lib/shapes/Ellipse';
import 'konva/lib/shapes/Image';
import 'konva/lib/shapes/Line';
import 'konva/lib/shapes/Rect';
import 'konva/lib/shapes/Text';

export { Circle, Ellipse, Group, Image, Layer, Line, Rect, Shape, Stage, Text } from 'react-konva/lib/ReactKonvaCore';
